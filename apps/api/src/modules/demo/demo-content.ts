/**
 * The sample conversations of the demo workspace: what the customers write and what Eva does with
 * Kim's chat. Fixed ids make every step idempotent (intake dedupes per provider message id, replies per
 * clientMessageId).
 */
export const DEMO_CONTENT = {
  kim: {
    visitorId: 'v_demo-kim-kunde',
    clientMessageId: '6f1d3c52-9a4e-4c1b-8f3a-1d2e3f4a5b01',
    name: 'Kim Kunde',
    /**
     * Kim wrote by email before; her chat comes in anonymously, as a second contact, until an agent
     * adds this address to it and merges the two.
     */
    pastEmail: 'kim.kunde@example.com',
    text:
      'Hallo! Meine Bestellung 4711 ist heute angekommen, aber der Karton war eingedrückt und die ' +
      'Lampe ist zerbrochen. Was kann ich tun? Und gilt eigentlich noch euer Sommerangebot?',
    reply: {
      clientMessageId: '6f1d3c52-9a4e-4c1b-8f3a-1d2e3f4a5b02',
      text: 'Danke, ich kläre das sofort mit unserem Service und dem Vertrieb.',
    },
    consults: [
      {
        team: 'Service',
        note:
          'Kim Kunde: Bestellung 4711 kam beschädigt an (Lampe zerbrochen, Karton eingedrückt). ' +
          'Bitte Ersatz oder Erstattung klären; ich habe noch nichts zugesagt.',
      },
      {
        team: 'Sales',
        note:
          'Kim Kunde fragt, ob das Sommerangebot noch gilt. Bitte Konditionen und Laufzeit nennen, ' +
          'gern als Antwortvorschlag.',
      },
    ],
  },
  jonas: {
    from: { name: 'Jonas Becker', address: 'jonas.becker@example.net' },
    messageId: '<demo-invoice-2024-0815@example.net>',
    subject: 'Rechnung RE-2024-0815 ist falsch',
    text:
      'Guten Tag,\r\n\r\nin der Rechnung RE-2024-0815 sind 3 Bürolampen berechnet, geliefert wurden ' +
      'aber nur 2. Bitte schicken Sie mir eine korrigierte Rechnung.\r\n\r\nViele Grüße\r\nJonas Becker\r\n',
  },
  form: {
    idempotencyKey: 'demo-angebot-buerostuehle',
    name: 'Lea Hoffmann',
    email: 'lea.hoffmann@example.org',
    subject: 'Angebot für 20 Bürostühle',
    message:
      'Guten Tag, wir richten ein neues Büro ein und brauchen ein Angebot für 20 ergonomische ' +
      'Bürostühle, Lieferung bis Ende des Monats. Gibt es Mengenrabatt?',
  },
} as const;
