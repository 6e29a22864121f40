#!/usr/bin/env node
import { main } from './main.ts';
import { servers } from './registry.ts';

process.exitCode = await main(process.argv.slice(2), process.env, servers);
