import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

const LOCAL = /(127\.0\.0\.1|localhost)/;

type RequestLike = { method?: string; host?: string; hostname?: string; path?: string; href?: string; protocol?: string; proto?: string };

function describeRequest(first: unknown, second: unknown): string {
  const source = (second ?? first ?? {}) as RequestLike;
  const request = (first ?? {}) as RequestLike;
  const method = request.method ?? source.method ?? '?';
  const host = source.host ?? source.hostname ?? '';
  const path = request.path ?? source.path ?? '';
  return `${method} ${host}${path}`;
}

/**
 * Strict HTTP for a test file (ARCHITECTURE.md § Style 9): no network except localhost; a test fails when a
 * request matched no interceptor or an interceptor was never used. Interceptors are cleaned after every test.
 */
export function useStrictNock(): void {
  const unmatched: string[] = [];
  const onNoMatch = (first: unknown, second: unknown): void => {
    const description = describeRequest(first, second);
    if (!LOCAL.test(description)) unmatched.push(description);
  };
  beforeEach(() => {
    unmatched.length = 0;
    nock.disableNetConnect();
    nock.enableNetConnect(LOCAL);
    nock.emitter.on('no match', onNoMatch);
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    const seen = [...unmatched];
    nock.emitter.removeListener('no match', onNoMatch);
    nock.abortPendingRequests();
    nock.cleanAll();
    nock.enableNetConnect();
    expect(seen, 'requests that matched no interceptor').toEqual([]);
    expect(pending, 'interceptors that were never used').toEqual([]);
  });
}
