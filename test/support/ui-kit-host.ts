// Stands in for the Jira page around a UI Kit app: @forge/react reaches for the host's bridge when it loads, and React
// needs to know that tests wrap updates in act(). Import this before anything that imports @forge/react.
Reflect.set(globalThis, '__bridge', {
  callBridge: async (name: string) => {
    throw new Error(`The UI Kit component asked the Forge host for "${name}"; tests pass data in through props instead.`);
  },
});
Reflect.set(globalThis, 'IS_REACT_ACT_ENVIRONMENT', true);
