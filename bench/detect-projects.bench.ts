/**
 * `detect-projects`: time to map 10,000 changed files onto 1,000 projects (mixed kinds, nested dirs, a root
 * project, some `../` globs), globs compiled inside each run. Median of 15 runs after 3 warm-ups,
 * against a budget of 100 ms.
 */
import { detectProjects } from '../src/core/detect-projects.ts';
import { DEFAULT_WHEN_MODIFIED, PROJECT_KINDS } from '../src/core/project.ts';
import type { Project } from '../src/core/project.ts';
import { quantile, round, writeResult } from './lib/result.ts';

const PROJECTS = 1_000;
const CHANGED_FILES = 10_000;
const BUDGET_MS = 100;

/** Deterministic pseudo-random numbers (mulberry32), so every run measures the same input. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const rand = random(42);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)] as T;

function makeProjects(): Project[] {
  const projects: Project[] = [];
  for (let i = 0; i < PROJECTS; i++) {
    const kind = i === 0 ? 'terraform' : pick(PROJECT_KINDS);
    const team = `teams/t${i % 40}`;
    // Every fifth project nests inside an earlier one's directory.
    const dir = i === 0 ? '.' : i % 5 === 0 ? `${projects[i - 1]?.dir}/sub${i}` : `${team}/${kind}/p${i}`;
    const whenModified = kind === 'terraform' && i % 3 === 0 ? [...DEFAULT_WHEN_MODIFIED.terraform, '../../../modules/**/*.tf'] : DEFAULT_WHEN_MODIFIED[kind];
    projects.push({
      name: `p${i}`, kind, dir, target: 'default', whenModified, autoplan: true, dependsOn: [], applyRequirements: [], automerge: false,
    });
  }
  return projects;
}

function makeChangedFiles(projects: readonly Project[]): string[] {
  const extensions = ['sql', 'yaml', 'md', 'ts', 'tf', 'txt', 'png', 'json'];
  return Array.from({ length: CHANGED_FILES }, (_, i) => {
    if (i % 10 === 0) return `docs/section${i % 97}/page${i}.${pick(extensions)}`;
    const base = pick(projects).dir;
    const file = `${pick(['models', 'src', 'pipelines', 'notes'])}/f${i}.${pick(extensions)}`;
    return base === '.' ? file : `${base}/${file}`;
  });
}

const projects = makeProjects();
const changed = makeChangedFiles(projects);
let detected = 0;
for (let i = 0; i < 3; i++) detected = detectProjects(projects, changed).length;
const samples: number[] = [];
for (let i = 0; i < 15; i++) {
  const started = performance.now();
  detectProjects(projects, changed);
  samples.push(performance.now() - started);
}
console.log(`${PROJECTS} projects, ${CHANGED_FILES} changed files: ${detected} projects detected`);
writeResult({
  name: 'detect-projects',
  value: round(quantile(samples, 0.5), 2),
  unit: 'ms',
  baseline: { name: 'budget', value: BUDGET_MS },
  goal: 'ratio <= 1',
});
