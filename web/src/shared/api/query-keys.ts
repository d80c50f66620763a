// Query keys come from here so that one key always holds one shape. The blank-app crash of issue
// [K] came from ['units'] holding Unit[] in two features and { items: Unit[] } in five: a feature
// builds its keys with moduleKeys('<its module>'), shared resources have their own entries.
export function moduleKeys<M extends string>(module: M) {
  return {
    /** Everything of the module (for invalidation after a write). */
    all: [module] as const,
    /** One call's key: the module, the call's name, then its inputs. */
    of: <N extends string>(name: N, ...inputs: unknown[]) => [module, name, ...inputs] as const,
  };
}

export const sharedKeys = {
  units: moduleKeys('units'),
  settings: moduleKeys('settings'),
  session: moduleKeys('session'),
};
