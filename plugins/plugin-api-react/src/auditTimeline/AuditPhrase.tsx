import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { AuditPhrasePart } from './describeAuditEntry';

/** A timeline line's parts: words as they are, users and groups by name, linked. */
export const AuditPhrase = ({
  parts,
}: {
  parts: AuditPhrasePart | AuditPhrasePart[];
}) => (
  <>
    {[parts]
      .flat()
      .map((part, i) =>
        typeof part === 'string' ? (
          part
        ) : (
          <EntityRefLink key={i} entityRef={part.entityRef} hideIcon />
        ),
      )}
  </>
);
