// One fetch per dependency change, aborted on unmount; reload() keeps the old data visible.
import { useCallback, useEffect, useState } from 'react';

export type Load<T> =
  | { status: 'loading'; data?: T }
  | { status: 'done'; data: T }
  | { status: 'failed'; error: unknown; data?: T };

export function useLoad<T>(
  fetcher: (signal: AbortSignal) => Promise<T>,
  deps: readonly unknown[],
): Load<T> & { reload: () => void } {
  const [load, setLoad] = useState<Load<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    const controller = new AbortController();
    setLoad((prev) => ({ status: 'loading', data: prev.data }));
    fetcher(controller.signal)
      .then((data) => {
        if (!controller.signal.aborted) setLoad({ status: 'done', data });
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          setLoad((prev) => ({ status: 'failed', error, data: prev.data }));
      });
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { ...load, reload };
}
