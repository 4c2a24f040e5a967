// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * Rules that catch defects rather than taste: promises left floating or handed to callbacks that
 * ignore them, non-Error throws and rejections, a missing await inside try, switch statements
 * that miss a case, == instead of ===, unused code. Type-aware (typescript-eslint's project
 * service reads tsconfig.json). Formatting is Prettier's (eslint-config-prettier turns off the
 * rules that would fight it).
 */
export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/', 'deploy/teams/build/', 'test-output/', '**/*.js', '**/*.mjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/return-await': ['error', 'in-try-catch'],
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/prefer-promise-reject-errors': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // The product strips control characters from user input and CSV cells on purpose, with
      // regular expressions that name them: this rule would only flag those.
      'no-control-regex': 'off',
    },
  },
  {
    // Tests read HTTP answers and card JSON whose shape is what they assert: `any` there is the
    // payload under test, not a hole in the product's types (src, scripts and bench stay strict).
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  prettier,
);
