import type { ChannelName, OutputOf, ParsedInputOf } from '../contract';
import type { Actor, ServiceContext } from '../../services/context';
import type { ClinicApp } from '../../app/clinicApp';

/**
 * What a handler gets besides its validated input. `ctx` and `actor` exist for every channel
 * that requires a role; public channels (unlock, set up, log in) must not touch them.
 */
export interface HandlerContext {
  app: ClinicApp;
  readonly ctx: ServiceContext;
  readonly actor: Actor;
}

export type Handler<C extends ChannelName> = (input: ParsedInputOf<C>, hc: HandlerContext) => Promise<OutputOf<C>>;
export type HandlerMap<K extends ChannelName = ChannelName> = { [C in K]: Handler<C> };
