import { useCallback, useEffect, useState, type DependencyList } from 'react';
import { asApiError, call, type ApiError } from './api';
import type { ChannelName, InputOf, OutputOf } from '../../main/ipc/contract';

export interface Query<T> {
  data: T | undefined;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
  /** Replace the data with what a write returned (e.g. the updated patient), without a refetch. */
  setData(data: T): void;
}

/**
 * Runs `load` now, again whenever one of `deps` changes (the values `load` reads), and on
 * reload(). The last answer stays shown while the next one loads.
 */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [version, setVersion] = useState(0);

  useEffect(() => {
    // Answers to an older input can arrive after newer ones (fast typing): drop them.
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setData(value);
        setError(null);
        setLoading(false);
      },
      (err: unknown) => {
        if (!current) return;
        setError(asApiError(err));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // `load` is a new closure each render; the caller's deps say when its answer can change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, version]);

  const reload = useCallback(() => setVersion((v) => v + 1), []);
  return { data, error, loading, reload, setData };
}

/** Loads one channel's answer and reloads whenever the input changes (compared by value). */
export function useApiQuery<C extends ChannelName>(channel: C, input: InputOf<C>): Query<OutputOf<C>> {
  const key = JSON.stringify(input);
  return useAsync(() => call(channel, JSON.parse(key) as InputOf<C>), [channel, key]);
}

export interface Action {
  pending: boolean;
  error: ApiError | null;
  /** Runs a write; resolves with its value, or undefined after showing the error. */
  run<T>(fn: () => Promise<T>): Promise<T | undefined>;
  clearError(): void;
}

/** State for one form's submit: pending while in flight, the server's error when refused. */
export function useAction(): Action {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    setPending(true);
    setError(null);
    try {
      return await fn();
    } catch (err) {
      setError(asApiError(err));
      return undefined;
    } finally {
      setPending(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { pending, error, run, clearError };
}

/** The value, settled: changes only after it stopped changing for `ms` (search boxes). */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/** The running job of one kind (this screen's, or another window's), asked every half second. */
export function useRunningJob(kind: OutputOf<'clinic.jobs'>[number]['kind']): OutputOf<'clinic.jobs'>[number] | null {
  const [job, setJob] = useState<OutputOf<'clinic.jobs'>[number] | null>(null);
  useEffect(() => {
    let live = true;
    const ask = () =>
      call('clinic.jobs', {}).then(
        (jobs) => live && setJob(jobs.find((j) => j.kind === kind) ?? null),
        () => undefined, // progress is a nicety: the job's own answer reports any failure
      );
    void ask();
    const timer = setInterval(ask, 500);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [kind]);
  return job;
}

