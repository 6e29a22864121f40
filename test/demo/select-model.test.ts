import { describe, expect, it } from 'vitest';
import { chooseModel, ModelConfigError } from '../../client-demo/providers/select.ts';

describe('chooseModel', () => {
  it('returns nothing without a model or key', () => {
    expect(chooseModel(undefined, {})).toBeUndefined();
  });

  it('reads provider and model from --model', () => {
    const choice = chooseModel('anthropic:claude-test', { ANTHROPIC_API_KEY: 'k' });
    expect(choice?.provider).toBe('anthropic');
    expect(choice?.model).toBe('claude-test');
    expect(choice?.apiKey).toBe('k');
  });

  it('falls back to CONDUIT_MODEL', () => {
    expect(chooseModel(undefined, { CONDUIT_MODEL: 'ollama:qwen2.5' })?.model).toBe('qwen2.5');
  });

  it('picks openai when only its key is set', () => {
    expect(chooseModel(undefined, { OPENAI_API_KEY: 'k' })?.provider).toBe('openai');
  });

  it('uses the local Ollama address and needs no key', () => {
    const choice = chooseModel('ollama:llama3.2', {});
    expect(choice?.baseUrl).toBe('http://127.0.0.1:11434/v1');
    expect(choice?.apiKey).toBe('not-needed');
  });

  it('turns OLLAMA_HOST into the compatible API address', () => {
    expect(chooseModel('ollama:m', { OLLAMA_HOST: '127.0.0.1:9999' })?.baseUrl).toBe(
      'http://127.0.0.1:9999/v1',
    );
  });

  it('lets OPENAI_BASE_URL stand without a key', () => {
    const choice = chooseModel('openai:local', { OPENAI_BASE_URL: 'http://127.0.0.1:8080/v1' });
    expect(choice?.baseUrl).toBe('http://127.0.0.1:8080/v1');
  });

  it('reads the qwen key from DASHSCOPE_API_KEY', () => {
    const choice = chooseModel('dashscope:qwen-max', { DASHSCOPE_API_KEY: 'd' });
    expect(choice?.provider).toBe('qwen');
    expect(choice?.apiKey).toBe('d');
  });

  it('requires a key for hosted providers', () => {
    expect(() => chooseModel('deepseek', {})).toThrow(/DEEPSEEK_API_KEY/);
  });

  it('rejects an unknown provider', () => {
    expect(() => chooseModel('mystery:m', {})).toThrow(ModelConfigError);
  });

  it('requires a model name where there is no default', () => {
    expect(() => chooseModel('vllm', {})).toThrow(/vllm:MODEL/);
  });

  it('lets --base-url win over the variables', () => {
    const choice = chooseModel(
      'openai:x',
      { OPENAI_BASE_URL: 'http://a' },
      { baseUrl: 'http://127.0.0.1:1/v1' },
    );
    expect(choice?.baseUrl).toBe('http://127.0.0.1:1/v1');
  });
});
