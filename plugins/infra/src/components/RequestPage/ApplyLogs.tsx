import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@backstage/core-plugin-api';
import {
  BackendErrorPanel,
  errorMessageOf,
  useSignalReload,
} from '@internal/plugin-api-react';
import {
  INFRA_SIGNAL_CHANNEL,
  InfraSignal,
  InfraLogLine,
  InfraRequestStatus,
} from '@internal/plugin-infra-common';
import { Typography, makeStyles } from '@material-ui/core';
import useInterval from 'react-use/esm/useInterval';
import useMountedState from 'react-use/esm/useMountedState';
import { infraApiRef } from '../../api/InfraApi';

/** Statuses in which new log lines may still arrive, so the page polls. */
export const LIVE_STATUSES: InfraRequestStatus[] = ['approved', 'applying'];

/** How often a live request and its logs are polled, for when signals are not available. */
export const POLL_INTERVAL_MS = 2000;

// A page of lines per call is the server's to choose; draining stops well before this.
const MAX_CALLS_PER_DRAIN = 50;

const useStyles = makeStyles(theme => ({
  box: {
    fontFamily: 'monospace',
    fontSize: 12,
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-all',
    maxHeight: 480,
    overflowY: 'auto',
    padding: theme.spacing(1.5),
    margin: 0,
    backgroundColor: theme.palette.type === 'dark' ? '#111' : '#1e1e1e',
    color: '#e0e0e0',
    borderRadius: theme.shape.borderRadius,
  },
  stderr: { color: '#ff8a80' },
  gantry: { color: '#80d8ff' },
  stdout: {},
}));

/**
 * A request's Terraform log, appended as lines arrive (signals, or polling while live).
 * Give it `key={requestId}`: the lines it holds belong to one request.
 */
export const ApplyLogs = ({
  requestId,
  status,
}: {
  requestId: string;
  status: InfraRequestStatus;
}) => {
  const classes = useStyles();
  const api = useApi(infraApiRef);
  const isMounted = useMountedState();
  const [lines, setLines] = useState<InfraLogLine[]>([]);
  const [error, setError] = useState<Error>();
  const [loaded, setLoaded] = useState(false);
  const lastSeq = useRef<number | undefined>(undefined);
  const running = useRef(false);
  const again = useRef(false);
  const box = useRef<HTMLPreElement>(null);
  const follow = useRef(true);

  const fetchNew = useCallback(async () => {
    // One drain at a time; a trigger during a drain makes it go around once more.
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        for (let call = 0; call < MAX_CALLS_PER_DRAIN; call++) {
          const after = lastSeq.current;
          const { items } = await api.getRequestLogs(requestId, { after });
          const fresh = items.filter(l => after === undefined || l.seq > after);
          if (!isMounted()) return;
          if (fresh.length === 0) break;
          lastSeq.current = Math.max(...fresh.map(l => l.seq));
          setLines(previous => [...previous, ...fresh]);
        }
        setError(undefined);
      } while (again.current);
    } catch (e) {
      if (isMounted()) setError(e as Error);
    } finally {
      running.current = false;
      if (isMounted()) setLoaded(true);
    }
  }, [api, requestId, isMounted]);

  // Fetch on mount, and once more on every change of status (e.g. the last lines of an apply).
  useEffect(() => {
    fetchNew();
  }, [fetchNew, status]);

  useSignalReload<InfraSignal>(
    INFRA_SIGNAL_CHANNEL,
    fetchNew,
    signal => signal.requestId === requestId,
  );

  useInterval(
    fetchNew,
    LIVE_STATUSES.includes(status) ? POLL_INTERVAL_MS : null,
  );

  // Follow the tail unless the reader scrolled up to read.
  useEffect(() => {
    const el = box.current;
    if (el && follow.current) el.scrollTop = el.scrollHeight;
  }, [lines]);
  const onScroll = () => {
    const el = box.current;
    if (el) {
      follow.current = el.scrollTop + el.clientHeight >= el.scrollHeight - 24;
    }
  };

  if (error && lines.length === 0) return <BackendErrorPanel error={error} />;
  if (lines.length === 0) {
    return (
      <Typography color="textSecondary">
        {loaded ? 'No log lines yet.' : 'Loading the log…'}
        {LIVE_STATUSES.includes(status)
          ? ' Lines appear here as Terraform runs.'
          : ''}
      </Typography>
    );
  }
  return (
    <>
      {error && (
        <Typography color="error" variant="body2">
          Could not fetch new lines: {errorMessageOf(error)}
        </Typography>
      )}
      <pre
        ref={box}
        onScroll={onScroll}
        className={classes.box}
        data-testid="apply-logs"
        aria-label="Apply log"
      >
        {lines.map(line => (
          <div
            key={line.seq}
            className={classes[line.stream] ?? classes.stdout}
          >
            {line.line}
          </div>
        ))}
      </pre>
    </>
  );
};
