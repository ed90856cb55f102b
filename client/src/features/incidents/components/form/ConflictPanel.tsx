import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { IncidentOutput } from '@vigil/shared/schemas/incidents';
import { useMemo, type Ref } from 'react';
import { Link } from 'react-router';
import { ConflictReview } from '../../../../components/ui/ConflictReview.tsx';
import { countryName, formatDate, joinAnd } from '../../../../lib/format.ts';
import { useTerm } from '../../../../lib/lookups.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import {
  conflictFields,
  defaultChoice,
  differencesOf,
  mergeValues,
  type Choice,
  type ConflictField,
} from './conflict-diff.ts';
import { useDefenderNames } from './defender-names.tsx';
import { valuesFromIncident, type IncidentFormValues } from './form-model.ts';
import type { Conflict } from './use-draft-saving.ts';

// Says one version of a field in words: text as typed, codes as labels, lists line by line.
function useDescribe() {
  const { t } = useIncidentsText();
  const term = useTerm();
  const names = useDefenderNames();
  return (values: IncidentFormValues, field: ConflictField): string[] => {
    const empty = t('form.conflict.empty');
    switch (field) {
      case 'title':
      case 'summary':
      case 'location':
        return [values[field].trim() || empty];
      case 'date':
        return [values.occurredOn ? formatDate(values.occurredOn, values.datePrecision) : empty];
      case 'country':
        return [values.country ? countryName(values.country) : empty];
      case 'verification':
        return [t(`common:verification.${values.verification}`)];
      case 'confidentiality':
        return [t(`common:confidentiality.${values.confidentiality}`)];
      case 'acts':
        return values.acts.length === 0
          ? [t('form.conflict.none')]
          : values.acts.map((act) =>
              t('form.conflict.act', {
                name: names.labelOf(act.defenderId),
                violation: act.violation ? term('violations', act.violation).label : empty,
                by:
                  act.perpetrators.length > 0
                    ? t('form.conflict.by', {
                        who: joinAnd(
                          act.perpetrators.map((code) => term('perpetrators', code).label),
                        ),
                      })
                    : '',
                status: act.victimStatus
                  ? t('form.conflict.victimStatus', {
                      status: term('victimStatus', act.victimStatus).label,
                    })
                  : '',
                notes: act.notes.trim()
                  ? t('form.conflict.notes', { notes: act.notes.trim() })
                  : '',
              }),
            );
      case 'charges':
        return values.charges.length === 0
          ? [t('form.conflict.none')]
          : values.charges.map((charge) =>
              t('form.conflict.charge', {
                name: charge.defenderId ? names.labelOf(charge.defenderId) : empty,
                law: charge.law.trim() || empty,
                status: charge.status ? term('chargeStatus', charge.status).label : empty,
                filed: charge.filedOn
                  ? t('form.conflict.filed', { date: formatDate(charge.filedOn) })
                  : '',
                sentence: charge.sentence.trim() ? `, ${charge.sentence.trim()}` : '',
              }),
            );
      case 'sources':
        return values.sources.length === 0
          ? [t('form.conflict.none')]
          : values.sources.map((source) =>
              t('form.conflict.source', {
                kind: source.kind ? term('sourceKinds', source.kind).label : empty,
                reliability: t(`common:reliability.${source.reliability}`),
                description: source.description.trim() || empty,
                // never the identity itself: only whether there is one
                identity: source.identity.trim() ? t('form.conflict.withIdentity') : '',
              }),
            );
    }
  };
}

// Someone else saved first: what differs between their version and the user's, field by field
// (the shared ConflictReview), and for each the user's choice of keeping theirs or taking the
// other's; applying saves on top of the other's version.
export function ConflictPanel({
  ref,
  conflict,
  withSources,
  canEdit,
  onResolve,
}: {
  ref?: Ref<HTMLDivElement>;
  conflict: Conflict;
  withSources: boolean;
  canEdit: (incident: IncidentOutput) => boolean;
  onResolve: (merged: IncidentFormValues, current: IncidentOutput) => void;
}) {
  const { t } = useIncidentsText();
  const describe = useDescribe();
  const { current, mine, base } = conflict;
  const theirs = useMemo(() => valuesFromIncident(current), [current]);
  const differences = useMemo(
    () =>
      differencesOf(
        mine,
        theirs,
        base ? valuesFromIncident(base) : null,
        withSources ? conflictFields : conflictFields.filter((field) => field !== 'sources'),
      ),
    [mine, theirs, base, withSources],
  );

  return (
    <div ref={ref} tabIndex={-1}>
      {canEdit(current) ? (
        <ConflictReview
          what={t('form.conflict.what')}
          fields={differences.map((difference) => ({
            name: difference.field,
            label: t(`form.conflict.fields.${difference.field}`),
            mine: describe(mine, difference.field).join('\n'),
            theirs: describe(theirs, difference.field).join('\n'),
            initial: defaultChoice(difference),
          }))}
          onApply={(choices) =>
            onResolve(
              mergeValues(mine, theirs, choices as Partial<Record<ConflictField, Choice>>),
              current,
            )
          }
        />
      ) : (
        <Alert color="red" icon={<IconAlertTriangle aria-hidden />} role="alert">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              {t('form.conflict.noLongerEditable', {
                status: t(`common:incidentStatus.${current.status}`),
              })}
            </Text>
            <Anchor component={Link} to={`/incidents/${current.id}`} size="sm">
              {t('form.conflict.openIncident', { reference: current.reference })}
            </Anchor>
          </Stack>
        </Alert>
      )}
    </div>
  );
}
