import { FormEvent, useRef, useState } from 'react';
import { InfoCard, Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  AccessRequest,
  AccessTarget,
} from '@internal/plugin-access-requests-common';
import { errorMessageOf } from '@internal/plugin-api-react';
import { Box, Button, TextField, Typography } from '@material-ui/core';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { accessRequestsApiRef } from '../../api/AccessRequestsApi';
import { AccessRequestStatusChip } from '../AccessRequestStatusChip';
import { useApprovalLink } from '../RequestOutcome';
import { durationLabel } from '../../durationLabel';

/** The bounds the backend puts on a reason. */
export const REASON_MIN = 10;
export const REASON_MAX = 1000;

/** What is wrong with a reason, in plain words, or undefined when it will do. */
export function reasonProblem(reason: string): string | undefined {
  const length = reason.trim().length;
  if (length === 0) return 'Tell the approvers why you need this access';
  if (length < REASON_MIN) {
    const missing = REASON_MIN - length;
    return `A little more, please: at least ${REASON_MIN} characters (${missing} to go)`;
  }
  if (length > REASON_MAX) {
    return `At most ${REASON_MAX} characters (${length - REASON_MAX} too many)`;
  }
  return undefined;
}

const Approvers = ({ refs }: { refs: string[] }) => (
  <>
    {refs.map((ref, i) => (
      <span key={ref}>
        {i > 0 && ', '}
        <EntityRefLink entityRef={ref} hideIcon />
      </span>
    ))}
  </>
);

const Created = ({
  request,
  target,
}: {
  request: AccessRequest;
  target?: AccessTarget;
}) => {
  const approvalLink = useApprovalLink(request);
  return (
    <Alert severity="success" data-testid="access-request-created">
      <Typography variant="body2" component="div">
        You asked for <strong>{target?.title ?? request.targetId}</strong> for{' '}
        {durationLabel(request.duration)}.{' '}
        <AccessRequestStatusChip status={request.status} />
      </Typography>
      <Typography variant="body2">
        It starts when it is approved, and ends on its own after{' '}
        {durationLabel(request.duration)}.
      </Typography>
      {approvalLink && (
        <Typography variant="body2">
          <Link to={approvalLink}>Open its approval request</Link>
        </Typography>
      )}
    </Alert>
  );
};

/**
 * The form to ask for temporary access: what (one of the configured targets), for how long
 * (one of that target's durations) and why. Shows the new request and its approval once
 * asked; `onCreated` gets the request as the server answered.
 */
export const AskForAccessCard = ({
  targets,
  onCreated,
}: {
  targets: AccessTarget[];
  onCreated: (request: AccessRequest) => void;
}) => {
  const api = useApi(accessRequestsApiRef);
  const [targetId, setTargetId] = useState(targets[0]?.id ?? '');
  const target = targets.find(t => t.id === targetId);
  const [duration, setDuration] = useState(targets[0]?.durations[0] ?? '');
  const [reason, setReason] = useState('');
  const [reasonTouched, setReasonTouched] = useState(false);
  const reasonInput = useRef<HTMLInputElement>(null);

  const [state, submit] = useAsyncFn(
    async (request: { targetId: string; duration: string; reason: string }) => {
      const created = await api.createRequest(request);
      setReason('');
      setReasonTouched(false);
      onCreated(created);
      return created;
    },
    [api, onCreated],
  );

  if (targets.length === 0) {
    return (
      <InfoCard title="Ask for access">
        <Typography>
          Nothing can be asked for yet: the platform team lists what may be
          asked for, and for how long, in the portal's configuration.
        </Typography>
      </InfoCard>
    );
  }

  const problem = reasonProblem(reason);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (problem || !target || !duration) {
      setReasonTouched(true);
      reasonInput.current?.focus();
      return;
    }
    submit({ targetId, duration, reason: reason.trim() });
  };
  const showProblem = reasonTouched && Boolean(problem);
  const created = state.loading ? undefined : state.value;

  return (
    <InfoCard title="Ask for access">
      <form noValidate onSubmit={onSubmit} aria-label="Ask for access">
        <Box display="flex" flexDirection="column" style={{ gap: 16 }}>
          <TextField
            id="access-request-target"
            select
            label="Access"
            variant="outlined"
            value={targetId}
            onChange={e => {
              const next = targets.find(t => t.id === e.target.value);
              setTargetId(e.target.value);
              setDuration(next?.durations[0] ?? '');
            }}
            SelectProps={{ native: true }}
            helperText={target?.description}
            disabled={state.loading}
          >
            {targets.map(t => (
              <option key={t.id} value={t.id}>
                {t.title}
              </option>
            ))}
          </TextField>
          {target && target.approvers.length > 0 && (
            <Typography variant="body2" color="textSecondary">
              Approved by <Approvers refs={target.approvers} />
            </Typography>
          )}
          <TextField
            id="access-request-duration"
            select
            label="For how long"
            variant="outlined"
            value={duration}
            onChange={e => setDuration(e.target.value)}
            SelectProps={{ native: true }}
            helperText="From the moment it is approved"
            disabled={state.loading}
          >
            {(target?.durations ?? []).map(d => (
              <option key={d} value={d}>
                {durationLabel(d)}
              </option>
            ))}
          </TextField>
          <TextField
            id="access-request-reason"
            label="Reason"
            variant="outlined"
            multiline
            minRows={3}
            value={reason}
            inputRef={reasonInput}
            onChange={e => setReason(e.target.value)}
            onBlur={() => setReasonTouched(reason.length > 0)}
            error={showProblem}
            helperText={
              showProblem
                ? problem
                : 'What you will do with it; the approvers read this'
            }
            inputProps={{ maxLength: REASON_MAX }}
            disabled={state.loading}
          />
          <Box>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={state.loading}
            >
              Ask for access
            </Button>
          </Box>
          {state.error && (
            <Alert severity="error">{errorMessageOf(state.error)}</Alert>
          )}
          {created && (
            <Created
              request={created}
              target={targets.find(t => t.id === created.targetId)}
            />
          )}
        </Box>
      </form>
    </InfoCard>
  );
};
