import { useApi } from '@backstage/core-plugin-api';
import { errorMessageOf } from '@internal/plugin-api-react';
import { AuditVerification } from '@internal/plugin-audit-common';
import { Box, Button } from '@material-ui/core';
import VerifiedUserIcon from '@material-ui/icons/VerifiedUser';
import { Alert } from '@material-ui/lab';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { auditApiRef } from '../../api/AuditApi';

/** The sentence for a verification's result. */
export function verificationSentence(verification: AuditVerification): string {
  return verification.ok
    ? `Chain intact: ${verification.checked} entries checked`
    : `Broken at entry #${verification.firstBroken.id}: ${verification.firstBroken.reason}`;
}

/** Walks the hash chain on demand and says whether it holds. */
export const VerifyChain = () => {
  const api = useApi(auditApiRef);
  const [state, verify] = useAsyncFn(() => api.verify(), [api]);
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap" gridGap={16}>
      <Button
        variant="outlined"
        startIcon={<VerifiedUserIcon />}
        disabled={state.loading}
        onClick={verify}
      >
        {state.loading ? 'Verifying…' : 'Verify chain'}
      </Button>
      {state.error && (
        <Alert severity="error">
          The verification failed: {errorMessageOf(state.error)}
        </Alert>
      )}
      {!state.loading && state.value && (
        <Alert severity={state.value.ok ? 'success' : 'error'}>
          {verificationSentence(state.value)}
        </Alert>
      )}
    </Box>
  );
};
