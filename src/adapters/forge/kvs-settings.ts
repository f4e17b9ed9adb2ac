// The Settings port on Forge KVS (scope storage:app): small JSON values under app-wide keys.
import { kvs } from '@forge/kvs';
import type { Settings } from '../../domain/ports';

export function makeKvsSettings(): Settings {
  return {
    get: <T>(key: string) => kvs.get<T>(key),
    set: <T>(key: string, value: T) => kvs.set(key, value),
    delete: (key: string) => kvs.delete(key),
  };
}
