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
);
