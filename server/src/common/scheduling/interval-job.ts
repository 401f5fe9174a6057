import { SchedulerRegistry } from '@nestjs/schedule';

/**
 * Runs `tick` every `ms` as the named interval of Nest's SchedulerRegistry (unref'd: it never keeps a stopping process
 * alive). Not started when `ms` is 0 or the name is already registered.
 */
export function startInterval(registry: SchedulerRegistry, name: string, ms: number, tick: () => unknown): void {
  if (!ms || registry.doesExist('interval', name)) return;
  const handle = setInterval(() => void tick(), ms);
  handle.unref?.();
  registry.addInterval(name, handle);
}

/** Stops the named interval, if it runs. */
export function stopInterval(registry: SchedulerRegistry, name: string): void {
  if (registry.doesExist('interval', name)) registry.deleteInterval(name);
}
