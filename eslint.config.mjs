import nx from '@nx/eslint-plugin';
import reactHooks from 'eslint-plugin-react-hooks';
import prettier from 'eslint-config-prettier';
import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const API_SRC = resolve(dirname(fileURLToPath(import.meta.url)), 'apps/api/src');

/**
 * The api's layers, checked on resolved paths (so `../`, `./` and folder imports all count):
 * core is infrastructure and imports no domain code (modules, database, app.module); a channel
 * adapter folder is private to itself, and everyone else imports it through its `index.ts`.
 */
const apiBoundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = relative(API_SRC, context.filename).split(sep);
    if (file[0] === '..') return {};
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = relative(API_SRC, resolve(dirname(context.filename), source)).split(sep);
      if (file[0] === 'core' && ['modules', 'database', 'app.module'].includes(target[0])) {
        context.report({
          node: node.source,
          message: `core/ is infrastructure and must not import domain code ('${source}'): invert the dependency (core defines an interface or token, the module provides it).`,
        });
      }
      const adapter = ['modules', 'channels', 'adapters'];
      const intoAdapter = adapter.every((part, i) => target[i] === part) && target.length > 4;
      if (!intoAdapter || target[4] === 'index') return;
      const insideSame = adapter.every((part, i) => file[i] === part) && file[3] === target[3];
      if (!insideSame) {
        context.report({
          node: node.source,
          message: `'${source}' is internal to the ${target[3]} adapter: import its public surface ('.../adapters/${target[3]}') instead.`,
        });
      }
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

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
            { sourceTag: 'scope:e2e', onlyDependOnLibsWithTags: ['scope:shared'] },
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
    // Tests may reach inside (white-box); the product code may not.
    files: ['apps/api/src/**/*.ts'],
    ignores: ['apps/api/src/**/*.spec.ts'],
    plugins: { api: { rules: { boundaries: apiBoundaries } } },
    rules: { 'api/boundaries': 'error' },
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
