import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';

// Everything that leaves the api goes through core/net's OutboundClient (address checks, limits).
const OUTBOUND_MESSAGE =
  'Server-side requests and connections go through OutboundClient (core/net).';
const outboundImports = (except = []) => [
  'error',
  {
    paths: [
      ...['http', 'https', 'net', 'tls', 'dgram', 'http2', 'undici', 'axios', 'node-fetch'].flatMap(
        (name) =>
          [name, `node:${name}`].map((n) => ({
            name: n,
            allowTypeImports: true,
            message: OUTBOUND_MESSAGE,
          })),
      ),
      {
        name: 'nodemailer',
        importNames: ['default', 'createTransport'],
        message: OUTBOUND_MESSAGE,
      },
      { name: 'imapflow', allowTypeImports: true, message: OUTBOUND_MESSAGE },
    ].filter((p) => !except.includes(p.name)),
  },
];

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    ignores: [
      '**/dist',
      '**/node_modules',
      '**/coverage',
      '**/.nx',
      '**/vite.config.*.timestamp*',
      'e2e-artifacts',
    ],
  },
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:web', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:widget', onlyDependOnLibsWithTags: ['scope:shared'] },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['apps/web/**/*.tsx', 'apps/web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/core/net/**', 'apps/api/src/**/*.spec.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'fetch', message: OUTBOUND_MESSAGE }],
      'no-restricted-properties': [
        'error',
        { object: 'globalThis', property: 'fetch', message: OUTBOUND_MESSAGE },
      ],
      '@typescript-eslint/no-restricted-imports': outboundImports(),
    },
  },
  {
    // These hand the checked address from OutboundClient to their mail library.
    files: ['apps/api/src/modules/channels/adapters/email/email-sender.service.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': outboundImports(['nodemailer']) },
  },
  {
    files: ['apps/api/src/modules/channels/adapters/email/mailbox.client.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': outboundImports(['imapflow']) },
  },
  prettier,
];
