/**
 * Readers for the production-shape files (docker/docker-compose.yml, docker/Dockerfile, the README's
 * configuration table). There is no Docker engine in CI, so the deployment is checked by parsing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export const ROOT = join(__dirname, '..', '..');
export const COMPOSE_FILE = join(ROOT, 'docker', 'docker-compose.yml');
export const DOCKERFILE = join(ROOT, 'docker', 'Dockerfile');
export const README = join(ROOT, 'README.md');

export interface ComposeService {
  readonly name: string;
  readonly image?: string;
  readonly build?: { context?: string; dockerfile?: string } | string;
  /** Normalised from either the map or the list form. */
  readonly environment: Record<string, string>;
  /** Normalised to the argv form; undefined: the image's CMD. */
  readonly command?: string[];
  readonly healthcheck?: { test?: string[] | string; disable?: boolean };
  /** Normalised from the short (list) form, whose condition is service_started. */
  readonly dependsOn: Record<string, { condition: string }>;
  readonly raw: Record<string, unknown>;
}

export function loadCompose(file = COMPOSE_FILE): Map<string, ComposeService> {
  // merge: compose files may use `<<` merge keys next to anchors.
  const doc = parse(readFileSync(file, 'utf8'), { merge: true }) as { services?: Record<string, Record<string, unknown>> };
  const services = new Map<string, ComposeService>();
  for (const [name, raw] of Object.entries(doc.services ?? {})) {
    services.set(name, {
      name,
      image: raw.image as string | undefined,
      build: raw.build as ComposeService['build'],
      environment: environmentOf(raw.environment),
      command: raw.command === undefined ? undefined : argv(raw.command as string | string[]),
      healthcheck: raw.healthcheck as ComposeService['healthcheck'],
      dependsOn: dependsOnOf(raw.depends_on),
      raw,
    });
  }
  return services;
}

function environmentOf(value: unknown): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) {
    // List form: "NAME=value". A bare "NAME" passes the host's value through, which this file cannot
    // vouch for: it is read as '' so the "is set" checks fail on it.
    return Object.fromEntries(
      value.map((entry: string) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, v === null ? '' : String(v)]));
}

function dependsOnOf(value: unknown): Record<string, { condition: string }> {
  if (value === undefined || value === null) return {};
  if (Array.isArray(value)) return Object.fromEntries(value.map((name: string) => [name, { condition: 'service_started' }]));
  return Object.fromEntries(
    Object.entries(value as Record<string, { condition?: string }>).map(([name, spec]) => [
      name,
      { condition: spec?.condition ?? 'service_started' },
    ]),
  );
}

function argv(command: string | string[]): string[] {
  return Array.isArray(command) ? command.map(String) : command.trim().split(/\s+/);
}

/** The hosts a connection string points at (multi-host strings included), without ports. */
export function urlHosts(url: string): string[] {
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?]*@)?([^/?#]+)/i.exec(url);
  if (!match) return [];
  return match[1].split(',').map((hostPort) => hostPort.replace(/:\d+$/, ''));
}

export function isUrl(value: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value);
}

export interface DockerStage {
  readonly from: string;
  readonly name?: string;
  /** Instructions after FROM, continuation lines joined: [keyword, rest]. */
  readonly instructions: Array<[string, string]>;
}

/** Splits a Dockerfile into its stages. Comments and parser directives are dropped. */
export function loadDockerfile(file = DOCKERFILE): DockerStage[] {
  const logical = readFileSync(file, 'utf8')
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  const stages: Array<{ from: string; name?: string; instructions: Array<[string, string]> }> = [];
  for (const line of logical) {
    const [, keyword, rest] = /^(\S+)\s*(.*)$/.exec(line)!;
    const upper = keyword.toUpperCase();
    if (upper === 'FROM') {
      const from = /^(?:--\S+\s+)*(\S+)(?:\s+AS\s+(\S+))?/i.exec(rest)!;
      stages.push({ from: from[1], name: from[2], instructions: [] });
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push([upper, rest]);
    }
  }
  return stages;
}

/** CMD of a stage in argv form (exec form JSON, or the shell form split on spaces). */
export function cmdOf(stage: DockerStage): string[] | undefined {
  const cmd = [...stage.instructions].reverse().find(([keyword]) => keyword === 'CMD');
  if (!cmd) return undefined;
  const text = cmd[1].trim();
  return text.startsWith('[') ? (JSON.parse(text) as string[]) : text.split(/\s+/);
}

/**
 * The compiled entry point an argv runs (`dist/apps/<app>/src/main.js`) mapped back to its source file
 * (apps/tsconfig.build.json compiles with rootDir ".." into dist/, so the paths mirror each other).
 */
export function sourceOfEntryPoint(args: readonly string[]): string | undefined {
  const script = args.find((arg) => /^(?:\.\/)?dist\/.+\.js$/.test(arg));
  return script?.replace(/^(?:\.\/)?dist\//, '').replace(/\.js$/, '.ts');
}

export function sourceExists(relative: string): boolean {
  return existsSync(join(ROOT, relative));
}

/** The backticked variable names in the first column of the README's "## Configuration" table. */
export function readmeConfigurationVariables(file = README): string[] {
  const text = readFileSync(file, 'utf8');
  const start = text.search(/^## Configuration\s*$/m);
  if (start < 0) return [];
  const rest = text.slice(start + 1);
  const end = rest.search(/^## /m);
  const section = end < 0 ? rest : rest.slice(0, end);
  const names: string[] = [];
  for (const line of section.split(/\r?\n/)) {
    const cell = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|/.exec(line);
    if (cell) names.push(cell[1]);
  }
  return names;
}
