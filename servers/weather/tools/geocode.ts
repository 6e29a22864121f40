import { z } from 'zod';
import { defineTool, type ToolCall } from '../../../shared/tools.ts';
import type { WeatherDeps } from '../deps.ts';
import { describePlace, placeNotFound, searchPlaces } from '../places.ts';
import { READ_ONLY_OPEN_WORLD, locationInput, placeOutput } from './schemas.ts';

export const geocode = defineTool({
  name: 'geocode',
  title: 'Find places by name',
  description:
    'Finds places by name in any script (北京, Zürich, São Paulo, "Paris, France") and returns ' +
    'candidates with country, region, coordinates, time zone and population, best match first. ' +
    'Capitals and large cities rank above villages of the same name.',
  input: z.object({
    name: z
      .string()
      .trim()
      .min(1, 'name must not be empty')
      .max(200, 'name must be at most 200 characters')
      .describe('Place name; qualifiers after commas narrow it: "Springfield, Illinois"'),
    countryCode: locationInput.countryCode,
    language: locationInput.language,
    count: z
      .number()
      .int('count must be a whole number')
      .min(1, 'count must be between 1 and 20')
      .max(20, 'count must be between 1 and 20')
      .default(5),
  }),
  output: z.object({
    query: z.object({
      name: z.string().describe('name sent to the geocoder, qualifiers removed'),
      language: z.string().describe('language the name was matched in'),
      countryCode: z.string().nullable(),
      regionQualifiers: z.array(z.string()),
    }),
    results: z.array(placeOutput),
  }),
  annotations: READ_ONLY_OPEN_WORLD,
  async handler(args, call: ToolCall<WeatherDeps>) {
    const search = await searchPlaces(
      call.deps.api,
      {
        text: args.name,
        limit: args.count,
        ...(args.countryCode ? { countryCode: args.countryCode } : {}),
        ...(args.language ? { language: args.language } : {}),
      },
      call.signal,
    );
    if (search.places.length === 0) throw placeNotFound(search, args.name);

    const lines = search.places.map((place, index) => {
      const population = place.population === null ? '' : `, population ${place.population}`;
      return (
        `${index + 1}. ${describePlace(place)} (${place.latitude}, ${place.longitude}), ` +
        `time zone ${place.timezone ?? 'unknown'}${population}`
      );
    });
    return {
      structured: {
        query: {
          name: search.name,
          language: search.language,
          countryCode: search.countryCode,
          regionQualifiers: search.regionQualifiers,
        },
        results: search.places,
      },
      text: `Places matching "${args.name}":\n${lines.join('\n')}`,
    };
  },
});
