import {
  InfraRequest,
  InfraRequestStatus,
} from '@internal/plugin-infra-common';
import { Step, StepLabel, Stepper } from '@material-ui/core';

const STEPS: Array<{ status: InfraRequestStatus; label: string }> = [
  { status: 'planned', label: 'Planned' },
  { status: 'awaiting_approval', label: 'Awaiting approval' },
  { status: 'approved', label: 'Approved' },
  { status: 'applying', label: 'Applying' },
  { status: 'applied', label: 'Applied' },
];

const TERMINAL_LABELS: Partial<Record<InfraRequestStatus, string>> = {
  failed: 'Failed',
  rejected: 'Rejected',
  expired: 'Expired',
  cancelled: 'Cancelled',
  superseded: 'Superseded',
};

// How many of the happy-path steps a request passed before it ended in `status`.
function stepsBefore(request: InfraRequest): number {
  switch (request.status) {
    case 'failed':
      // An apply that started got past approval; otherwise it failed after planning.
      return request.applyStartedAt ? 4 : 1;
    case 'rejected':
    case 'expired':
    case 'cancelled':
      return 2;
    case 'superseded':
      return request.approvalId ? 2 : 1;
    default:
      return 0;
  }
}

/** Where a request stands on planned → awaiting approval → approved → applying → applied. */
export const StatusTimeline = ({ request }: { request: InfraRequest }) => {
  const terminal = TERMINAL_LABELS[request.status];
  if (terminal) {
    const passed = STEPS.slice(0, stepsBefore(request));
    return (
      <Stepper activeStep={passed.length} alternativeLabel>
        {passed.map(step => (
          <Step key={step.status} completed>
            <StepLabel>{step.label}</StepLabel>
          </Step>
        ))}
        <Step key={request.status} completed={false}>
          <StepLabel error>{terminal}</StepLabel>
        </Step>
      </Stepper>
    );
  }

  const index = STEPS.findIndex(step => step.status === request.status);
  // The current status is a step already reached; `applied` completes the last one.
  const active = request.status === 'applied' ? STEPS.length : index;
  return (
    <Stepper activeStep={active} alternativeLabel>
      {STEPS.map((step, i) => (
        <Step
          key={step.status}
          completed={i < index || active === STEPS.length}
        >
          <StepLabel>{step.label}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};
