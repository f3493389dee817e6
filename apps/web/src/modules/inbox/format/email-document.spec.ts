import { emailDocument } from './email-document';

function parse(srcdoc: string): Document {
  return new DOMParser().parseFromString(srcdoc, 'text/html');
}

describe('email document', () => {
  it('keeps the content, removes anything that could act, and opens links in a new tab', () => {
    const doc = parse(
      emailDocument(
        '<p onclick="steal()">Hello <b>Clara</b></p><script>alert(1)</script>' +
          '<a href="https://example.org">offer</a><a href="javascript:alert(1)">x</a>' +
          '<iframe src="https://evil.example"></iframe><form action="/x"><input></form>',
      ),
    );
    expect(doc.body.textContent).toContain('Hello Clara');
    expect(doc.querySelector('script, iframe, form')).toBeNull();
    expect(doc.querySelector('p')?.hasAttribute('onclick')).toBe(false);
    const [offer, evil] = [...doc.querySelectorAll('a')];
    expect(offer?.getAttribute('target')).toBe('_blank');
    expect(offer?.getAttribute('rel')).toBe('noopener noreferrer');
    expect(evil?.hasAttribute('href')).toBe(false);
  });

  it('forbids scripts and fetches by CSP', () => {
    const csp = parse(emailDocument('<p>x</p>'))
      .querySelector('meta[http-equiv="Content-Security-Policy"]')
      ?.getAttribute('content');
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toContain('script-src');
  });
});
