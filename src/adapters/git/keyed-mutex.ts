/** Serializes async tasks per key; tasks under different keys run in parallel. Held by its owner, never module-level. */
export type KeyedMutex = {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
};

const ignore = (): void => undefined;

export function createKeyedMutex(): KeyedMutex {
  const tails = new Map<string, Promise<void>>();
  return {
    async run<T>(key: string, task: () => Promise<T>): Promise<T> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      const tail = result.then(ignore, ignore);
      tails.set(key, tail);
      try {
        return await result;
      } finally {
        if (tails.get(key) === tail) tails.delete(key);
      }
    },
  };
}
