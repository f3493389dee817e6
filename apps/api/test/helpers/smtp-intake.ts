import type { INestApplication } from '@nestjs/common';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SmtpIntakeServer } from '../../src/modules/channels/adapters/email/smtp-intake.server';

/** The port the app's SMTP intake listens on. */
export function smtpIntakePort(app: INestApplication): number {
  const port = app.get(SmtpIntakeServer).port;
  if (!port) throw new Error('SMTP intake is not listening');
  return port;
}

/** A customer's mail client, delivering straight to the SMTP intake on `port`. */
export function intakeTransport(port: number) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
}

/** Sends `mail` to the app's SMTP intake, as a customer's mail client would. */
export function mailToIntake(app: INestApplication, mail: SendMailOptions) {
  return intakeTransport(smtpIntakePort(app)).sendMail(mail);
}
