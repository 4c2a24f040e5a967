import { checkDefaultWave, ConfigError, loadConfig } from '../../src/config';

const problemsOf = (env: Record<string, string>): string[] => {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.problems;
    throw err;
  }
  return [];
};

describe('configuration', () => {
  it('starts on its defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ defaultWave: 2023, corsOrigins: [], storage: 'file', host: '127.0.0.1', parserWorker: 'eager' });
  });

  it('builds the number model at start-up unless PARSER_WORKER=lazy, and names a wrong value', () => {
    expect(loadConfig({ PARSER_WORKER: 'lazy' }).parserWorker).toBe('lazy');
    expect(problemsOf({ PARSER_WORKER: 'later' })).toEqual(['PARSER_WORKER must be one of eager, lazy (got "later")']);
  });

  it('lowers the parser worker by 10 nice levels unless PARSER_NICE says otherwise (0 to 19)', () => {
    expect(loadConfig({}).parserNice).toBe(10);
    expect(loadConfig({ PARSER_NICE: '0' }).parserNice).toBe(0);
    expect(problemsOf({ PARSER_NICE: '20' })).toEqual(['PARSER_NICE must be an integer between 0 and 19 (got "20")']);
  });

  it('keeps CORS origins as exact origins', () => {
    expect(loadConfig({ CORS_ORIGINS: ' https://www.territoire-exemple.fr/ , http://localhost:8080,https://www.cc-exemple.fr/page' }).corsOrigins).toEqual([
      'https://www.territoire-exemple.fr',
      'http://localhost:8080',
      'https://www.cc-exemple.fr',
    ]);
  });

  it.each(['*', 'https://*.example.fr', 'www.example.fr', 'ftp://files.example.fr', 'not a url'])('refuses the CORS origin %p, naming it', (origin) => {
    const problems = problemsOf({ CORS_ORIGINS: `https://www.territoire-exemple.fr,${origin}` });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`CORS_ORIGINS: "${origin}"`);
  });

  it.each(['2023', '2019'])('reads DEFAULT_WAVE %s', (wave) => {
    expect(loadConfig({ DEFAULT_WAVE: wave }).defaultWave).toBe(Number(wave));
  });

  it.each(['bientôt', '23', '3023', ''])('refuses DEFAULT_WAVE %p', (wave) => {
    expect(problemsOf({ DEFAULT_WAVE: wave })).toEqual([expect.stringContaining('DEFAULT_WAVE')]);
  });

  it.each(['dpo@territoire-fictif.example.test', 'https://territoire-fictif.example.test/donnees-personnelles'])('reads PRIVACY_CONTACT %p', (contact) => {
    expect(loadConfig({ PRIVACY_CONTACT: contact }).privacyContact).toBe(contact);
  });

  it.each(['Mme Fictive', 'http://territoire-fictif.example.test/', 'dpo@'])('refuses PRIVACY_CONTACT %p', (contact) => {
    expect(problemsOf({ PRIVACY_CONTACT: contact })).toEqual(['PRIVACY_CONTACT must be an e-mail address or an https:// URL']);
  });

  it('lists every problem at once', () => {
    expect(problemsOf({ PORT: 'x', CORS_ORIGINS: '*', DEFAULT_WAVE: 'soon', ADMIN_TOKEN: 'short' })).toHaveLength(4);
  });

  it('refuses a default wave the knowledge base does not hold', () => {
    expect(() => checkDefaultWave({ defaultWave: 2023 }, [2019, 2023])).not.toThrow();
    expect(() => checkDefaultWave({ defaultWave: 2027 }, [2019, 2023])).toThrow(ConfigError);
    expect(() => checkDefaultWave({ defaultWave: 2027 }, [2019, 2023])).toThrow('DEFAULT_WAVE 2027 is not in the knowledge base (waves: 2019, 2023)');
  });
});
