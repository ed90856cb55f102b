import { notifications } from '@mantine/notifications';
import { incidentTransitions, type IncidentStatus } from '@vigil/shared/enums';
import { sourcesToVerify, type IncidentOutput } from '@vigil/shared/schemas/incidents';
import { useCallback, useState } from 'react';
import { useAppAbility } from '../../../../lib/ability.ts';
import { useTransitionIncident } from '../../api/transition-incident.ts';
import { useIncidentsText } from '../../i18n/index.ts';
import { incidentSubject } from '../incident-subject.ts';
import { workflowErrorMessage } from './workflow-errors.ts';

export type WorkflowIncident = Pick<
  IncidentOutput,
  | 'id'
  | 'reference'
  | 'version'
  | 'status'
  | 'country'
  | 'createdById'
  | 'confidentiality'
  | 'sourceCount'
>;

// The steps the caller may take from the incident's current status: the workflow's edges
// (shared/enums.ts) that the ability allows, with the target status as the field.
export function useAllowedSteps(incident: WorkflowIncident | undefined): IncidentStatus[] {
  const ability = useAppAbility();
  if (!incident) return [];
  return incidentTransitions[incident.status].filter((to) =>
    ability.can('transition', incidentSubject(incident), to),
  );
}

export interface WorkflowFailure {
  incidentId: string;
  reference: string;
  message: string;
}

// Runs a step and says in words why one was refused. Verification is checked against the
// source count before asking the server, and the server's own refusal (someone removed a
// source meanwhile) gets the same message.
export function useWorkflow() {
  const { t } = useIncidentsText();
  const transition = useTransitionIncident();
  const [failure, setFailure] = useState<WorkflowFailure | null>(null);
  // the incident whose return is being written; held here, above any table row or card, so
  // that a layout change (a phone turned, a window resized) does not close the dialog
  const [returning, setReturning] = useState<WorkflowIncident | null>(null);

  const run = useCallback(
    async (incident: WorkflowIncident, to: IncidentStatus, comment?: string) => {
      const fail = (message: string) => {
        setFailure({ incidentId: incident.id, reference: incident.reference, message });
        return false;
      };
      setFailure(null);
      if (to === 'VERIFIED' && incident.sourceCount < sourcesToVerify) {
        return fail(t('workflow.error.needsSources', { count: incident.sourceCount }));
      }
      try {
        await transition.mutateAsync({
          id: incident.id,
          to,
          version: incident.version,
          ...(comment === undefined ? {} : { comment }),
        });
      } catch (error) {
        return fail(workflowErrorMessage(error, t));
      }
      notifications.show({
        color: 'green',
        message: t(`workflow.done.${to}`, { reference: incident.reference }),
      });
      return true;
    },
    [t, transition],
  );

  return {
    run,
    failure,
    dismiss: () => setFailure(null),
    returning,
    askReturn: (incident: WorkflowIncident) => {
      setFailure(null);
      setReturning(incident);
    },
    closeReturn: () => setReturning(null),
    pendingFor: transition.isPending ? transition.variables?.id : undefined,
    pendingTo: transition.isPending ? transition.variables?.to : undefined,
  };
}
