import {
  InfraRequest,
  InfraRequestStatus,
  infraRequestStatusLabel,
} from '@internal/plugin-infra-common';
import { Step, StepLabel, Stepper } from '@material-ui/core';

const STEP_STATUSES: InfraRequestStatus[] = [
  'planned',
  'awaiting_approval',
  'approved',
  'applying',
  'applied',
];

// A destroy's last steps say Destroying and Destroyed.
const stepsOf = (request: InfraRequest) =>
  STEP_STATUSES.map(status => ({
    status,
    label: infraRequestStatusLabel(status, request.operation),
  }));

const TERMINAL: InfraRequestStatus[] = [
  'failed',
  'rejected',
  'expired',
  'cancelled',
  'superseded',
];

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

/**
 * Where a request stands on planned → awaiting approval → approved → applying → applied
 * (destroying → destroyed for a destroy).
 */
export const StatusTimeline = ({ request }: { request: InfraRequest }) => {
  const steps = stepsOf(request);
  if (TERMINAL.includes(request.status)) {
    const terminal = infraRequestStatusLabel(request.status);
    const passed = steps.slice(0, stepsBefore(request));
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

  const index = steps.findIndex(step => step.status === request.status);
  // The current status is a step already reached; `applied` completes the last one.
  const active = request.status === 'applied' ? steps.length : index;
  return (
    <Stepper activeStep={active} alternativeLabel>
      {steps.map((step, i) => (
        <Step
          key={step.status}
          completed={i < index || active === steps.length}
        >
          <StepLabel>{step.label}</StepLabel>
        </Step>
      ))}
    </Stepper>
  );
};
