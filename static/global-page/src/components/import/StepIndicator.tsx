// The wizard's steps across the top: where the user is, what is done, what comes next.
export type WizardStep = { id: string; label: string };

export function StepIndicator({ steps, current }: { steps: readonly WizardStep[]; current: string }) {
  const currentIndex = steps.findIndex((s) => s.id === current);
  return (
    <ol className="wizard-steps" aria-label="Import steps">
      {steps.map((step, index) => {
        const state = index < currentIndex ? 'done' : index === currentIndex ? 'current' : 'todo';
        return (
          <li key={step.id} className={`wizard-step ${state}`} aria-current={state === 'current' ? 'step' : undefined}>
            <span className="wizard-step-number" aria-hidden="true">
              {state === 'done' ? '✓' : index + 1}
            </span>
            <span className="wizard-step-label">{step.label}</span>
            {state === 'done' && <span className="visually-hidden"> (done)</span>}
          </li>
        );
      })}
    </ol>
  );
}
