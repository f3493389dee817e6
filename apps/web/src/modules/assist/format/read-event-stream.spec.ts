import { ApiError } from '../../../api/http';
import { readEventStream } from './read-event-stream';

async function collect(raw: string): Promise<string[]> {
  const pieces: string[] = [];
  for await (const piece of readEventStream(new Response(raw))) pieces.push(piece);
  return pieces;
}

describe('readEventStream', () => {
  it('yields the text pieces until the end', async () => {
    expect(
      await collect(
        'data: {"text":"Hal"}\n\ndata: {"text":"lo"}\n\nevent: done\ndata: {"length":5}\n\n',
      ),
    ).toEqual(['Hal', 'lo']);
  });

  it('throws the error that broke the stream midway, with its code', async () => {
    const raw =
      'data: {"text":"Hal"}\n\nevent: error\ndata: {"statusCode":504,"error":"Gateway Timeout","message":"no answer","code":"assist.timeout"}\n\n';
    const pieces: string[] = [];
    const failure = await (async () => {
      for await (const piece of readEventStream(new Response(raw))) pieces.push(piece);
    })().catch((err: unknown) => err);
    expect(pieces).toEqual(['Hal']);
    expect(failure).toBeInstanceOf(ApiError);
    expect(failure).toMatchObject({ status: 504, code: 'assist.timeout', message: 'no answer' });
  });
});
