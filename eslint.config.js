// Lint: typescript-eslint's recommended rules over server, contracts, web, bench and tests; zero warnings.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'web/dist/**', 'data/**', 'tmp/**', 'scripts/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  // The server's walls (docs/ARCHITECTURE.md, "The walls"). A block's no-restricted-imports replaces
  // an earlier block's for the same file, so each file is in exactly one of these three blocks.
  {
    // A module reaches another module only through its *.service.ts: its repository, routes and
    // helper files are its own (a generic helper belongs in server/http or server/lib; a domain piece
    // is re-exported or wrapped by the service with a one-line contract comment). Tests too.
    files: ['server/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: String.raw`^\.\./(?!\.\.?/)[^/]+/(?![^/]+\.service(\.[jt]s)?$)`, message: '另一模块只经由它的 *.service.ts：它的 repo、routes 与其他文件只属于它自己（通用的放进 server/http 或 server/lib；领域的由它的 service 转出，附一行契约注释）。' },
            { regex: String.raw`(^|/)modules/`, message: '模块之间用相对路径 ../<模块>/<模块>.service.ts 相互引用。' },
          ],
        },
      ],
    },
  },
  {
    // The core (server/http, server/db, server/lib and the server's root files other than app.ts and
    // main.ts, which put the modules together) knows no module.
    files: ['server/http/**/*.ts', 'server/db/**/*.ts', 'server/lib/**/*.ts', 'server/config.ts', 'server/errors.ts', 'server/logger.ts'],
    ignores: ['server/db/seed/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ regex: String.raw`(^|/)modules/`, message: '核心（server/http、db、lib）不认识任何模块：把所需的类型或函数移到核心。' }] }],
    },
  },
  {
    // The demo seed is a client of the modules, off every request's path (main.ts runs it once), as
    // the test factories will be: it may call a module's service, never its repository.
    files: ['server/db/seed/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: String.raw`(^|/)modules/[^/]+/(?![^/]+\.service(\.[jt]s)?$)`, message: '演示数据只经由模块的 *.service.ts。' }] },
      ],
    },
  },
  {
    // The contracts are shared by the server and both web apps: zod and one another, nothing else.
    files: ['contracts/**/*.ts'],
    ignores: ['contracts/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: String.raw`^(?!zod$|\./[^/]+$)`, message: 'contracts/ 只引用 zod 与 contracts/ 里的其他文件。' }] },
      ],
    },
  },
  {
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    // Times become text, and pickers' values times, only in web/shared/format.ts: on Beijing's clock.
    files: ['web/**/*.tsx', 'web/**/*.ts'],
    ignores: ['web/shared/format.ts', 'web/console/components/DatePicker.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'dayjs', importNames: ['default'], message: '时间的格式化与日期选择器的取值只在 web/shared/format.ts（北京时间）。' },
            { name: 'antd', importNames: ['DatePicker', 'TimePicker'], message: '用 web/console/components/DatePicker.tsx：它的“此刻”“今天”是北京时间。' },
          ],
        },
      ],
      'no-restricted-properties': [
        'error',
        ...['toLocaleDateString', 'toLocaleTimeString', 'getHours', 'getDate', 'getMonth', 'getFullYear', 'getDay'].map((property) => ({
          property,
          message: '用 web/shared/format.ts 的函数：页面上的时间一律为北京时间。',
        })),
      ],
    },
  },

  // ── Web walls (issue 12) ─────────────────────────────────────────────────────────────────────
  // The console and the member app share only web/shared; web/shared knows neither app; a console
  // feature reaches another feature only through web/shared or web/console/components. These use
  // typescript-eslint's copy of no-restricted-imports so they add to the Beijing-time rule above
  // (the core rule's options there) instead of replacing it.
  {
    files: ['web/console/**/*.ts', 'web/console/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/member/**'], message: '控制台不引用会员端（web/member）：共用的放进 web/shared。' }] },
      ],
    },
  },
  {
    files: ['web/console/features/**/*.ts', 'web/console/features/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/member/**'], message: '控制台不引用会员端（web/member）：共用的放进 web/shared。' },
            // ../<other feature>/… from inside a feature folder
            { regex: '^\\.\\./[^.]', message: '功能之间不互相引用文件：共用的放进 web/shared 或 web/console/components。' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/member/**/*.ts', 'web/member/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/console/**'], message: '会员端不引用控制台（web/console）：共用的放进 web/shared。' }] },
      ],
    },
  },
  {
    // the console's shared parts serve every feature and know none of them
    files: ['web/console/components/**/*.ts', 'web/console/components/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/member/**'], message: '控制台不引用会员端（web/member）：共用的放进 web/shared。' },
            { group: ['**/features/**'], message: 'web/console/components 不引用任何功能（features/）：功能用它们，而不是相反。' },
          ],
        },
      ],
    },
  },
  {
    // the member app's feature folders (its pages/ and components/ are the app's own frame)
    files: ['activities', 'campaigns', 'card', 'join', 'payouts', 'points', 'rights'].flatMap((f) => [`web/member/${f}/**/*.ts`, `web/member/${f}/**/*.tsx`]),
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/console/**'], message: '会员端不引用控制台（web/console）：共用的放进 web/shared。' },
            { regex: '^\\.\\./(?!components/)[a-z-]+/', message: '功能之间不互相引用文件：共用的放进 web/shared 或 web/member/components。' },
          ],
        },
      ],
    },
  },
  {
    files: ['web/shared/**/*.ts', 'web/shared/**/*.tsx'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/console/**', '**/member/**'], message: 'web/shared 不引用任何一端（web/console、web/member）。' }] },
      ],
    },
  },
);
