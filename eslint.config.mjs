// ESLint flat config: TypeScript everywhere, React hooks and accessibility in the renderer.
// Formatting is Prettier's job (eslint-config-prettier turns off the rules that overlap).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.bench-cache/**', 'reports/**', '.stryker-tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Unused names are mistakes, except a deliberate `_` prefix.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }],
      // Kysely's migration and dynamic-table helpers are typed `Kysely<any>` on purpose.
      '@typescript-eslint/no-explicit-any': 'off',
      // The electron stand-ins in tests and the CommonJS scripts use require().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      // Dialogs and forms move focus to their first field on purpose, so a keyboard user lands
      // where the work is (WCAG 2.4.3 focus order); the rule assumes autofocus on page load.
      'jsx-a11y/no-autofocus': 'off',
      // useAsync and the session gate set a loading state when their inputs change, before the
      // fetch starts: the pattern this React Compiler rule warns about, used deliberately here.
      'react-hooks/set-state-in-effect': 'off',
    },
  },
  {
    // Playwright fixtures must destructure their first argument, even when they use nothing.
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  prettier,
);
