import { channelNames, type ChannelName, type Contract, type InputOf, type OutputOf, type Result } from './contract';

type DomainOf<C extends string> = C extends `${infer D}.${string}` ? D : never;

/** window.api: one method per channel, grouped by domain: `api.patients.create(input)`. */
export type Api = {
  [D in DomainOf<ChannelName>]: {
    [C in ChannelName as C extends `${D}.${infer V}` ? V : never]: (input: InputOf<C>) => Promise<Result<OutputOf<C>>>;
  };
};

export type Invoke = (channel: ChannelName, input: unknown) => Promise<Result<unknown>>;

/**
 * Builds window.api from the contract's channel list. The preload passes ipcRenderer.invoke;
 * the browser test bridge passes a fetch to the loopback server. The renderer never sees
 * the transport.
 */
export function buildApi(invoke: Invoke, names: readonly ChannelName[] = channelNames): Api {
  const api: Record<string, Record<string, (input: unknown) => Promise<Result<unknown>>>> = {};
  for (const name of names) {
    const [domain, verb] = name.split('.') as [string, string];
    api[domain] ??= {};
    api[domain][verb] = (input: unknown) => invoke(name, input ?? {});
  }
  return api as unknown as Api;
}

export type { Contract };
