import type { ServerTool } from '../../../shared/tools.ts';
import type { WeatherDeps } from '../deps.ts';
import { getAirQuality } from './air-quality.ts';
import { getCurrentWeather } from './current.ts';
import { getForecast } from './forecast.ts';
import { geocode } from './geocode.ts';
import { getHistoricalWeather } from './historical.ts';

export const weatherTools: readonly ServerTool<WeatherDeps>[] = [
  geocode,
  getCurrentWeather,
  getForecast,
  getHistoricalWeather,
  getAirQuality,
];
