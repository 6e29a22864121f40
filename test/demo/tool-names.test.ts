import { describe, expect, it } from 'vitest';
import { PROVIDER_TOOL_NAME, qualifyToolNames } from '../../client-demo/tool-names.ts';

describe('qualifyToolNames', () => {
  it('joins server and tool with two underscores', () => {
    expect(qualifyToolNames([{ server: 'database', tool: 'query' }])).toEqual(['database__query']);
  });

  it('replaces characters providers reject', () => {
    const [name] = qualifyToolNames([{ server: 'my server', tool: 'get.weather/now' }]);
    expect(name).toBe('my_server__get_weather_now');
    expect(name).toMatch(PROVIDER_TOOL_NAME);
  });

  it('cuts long names to 64 characters and keeps them apart', () => {
    const long = 'x'.repeat(80);
    const names = qualifyToolNames([
      { server: 'a', tool: `${long}1` },
      { server: 'a', tool: `${long}2` },
    ]);
    for (const name of names) expect(name).toMatch(PROVIDER_TOOL_NAME);
    expect(names[0]).not.toBe(names[1]);
  });

  it('numbers names that collide', () => {
    const names = qualifyToolNames([
      { server: 'a.b', tool: 'c' },
      { server: 'a b', tool: 'c' },
      { server: 'a_b', tool: 'c' },
    ]);
    expect(names).toEqual(['a_b__c', 'a_b__c_2', 'a_b__c_3']);
  });

  it('names a tool made only of rejected characters', () => {
    const [name] = qualifyToolNames([{ server: '数据', tool: '查询' }]);
    expect(name).toMatch(PROVIDER_TOOL_NAME);
  });
});
