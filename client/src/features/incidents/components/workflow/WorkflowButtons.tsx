import { Button } from '@mantine/core';
import {
  IconArchive,
  IconArrowBackUp,
  IconCircleCheck,
  IconSend,
  type Icon,
} from '@tabler/icons-react';
import type { IncidentStatus } from '@vigil/shared/enums';
import { useIncidentsText } from '../../i18n/index.ts';
import { ReturnModal } from './ReturnModal.tsx';
import { useAllowedSteps, type useWorkflow, type WorkflowIncident } from './use-workflow.ts';

const looks: Record<IncidentStatus, { icon: Icon; variant: string; color?: string }> = {
  SUBMITTED: { icon: IconSend, variant: 'filled' },
  VERIFIED: { icon: IconCircleCheck, variant: 'filled', color: 'green' },
  DRAFT: { icon: IconArrowBackUp, variant: 'default' },
  ARCHIVED: { icon: IconArchive, variant: 'default' },
};

interface WorkflowButtonsProps {
  incident: WorkflowIncident;
  workflow: ReturnType<typeof useWorkflow>;
  size?: 'xs' | 'sm';
  // in a list, each button also names the incident it acts on
  withReference?: boolean;
}

// "Submit for review", "Verify", "Return to researcher", "Archive": only the steps the caller
// may take from the current status.
export function WorkflowButtons({
  incident,
  workflow,
  size = 'sm',
  withReference = false,
}: WorkflowButtonsProps) {
  const { t } = useIncidentsText();
  const steps = useAllowedSteps(incident);
  const busy = workflow.pendingFor === incident.id;

  return (
    <>
      {steps.map((to) => {
        const { icon: StepIcon, variant, color } = looks[to];
        const label = t(`workflow.${to}`);
        return (
          <Button
            key={to}
            size={size}
            variant={variant}
            color={color}
            leftSection={<StepIcon size={16} aria-hidden />}
            loading={busy && workflow.pendingTo === to}
            disabled={busy && workflow.pendingTo !== to}
            aria-label={
              withReference
                ? t('workflow.withReference', { action: label, reference: incident.reference })
                : undefined
            }
            onClick={() =>
              to === 'DRAFT' ? workflow.askReturn(incident) : void workflow.run(incident, to)
            }
          >
            {label}
          </Button>
        );
      })}
    </>
  );
}

interface WorkflowReturnModalProps {
  workflow: ReturnType<typeof useWorkflow>;
  // the incidents on the page as last read, so that the return carries the current version
  incidents: readonly WorkflowIncident[];
}

// The one return dialog of a page, for whichever incident's "Return to researcher" was pressed.
export function WorkflowReturnModal({ workflow, incidents }: WorkflowReturnModalProps) {
  const asked = workflow.returning;
  if (!asked) return null;
  const incident = incidents.find((candidate) => candidate.id === asked.id) ?? asked;
  return (
    <ReturnModal
      key={incident.id}
      opened
      reference={incident.reference}
      version={incident.version}
      onClose={workflow.closeReturn}
      onReturn={(comment) => workflow.run(incident, 'DRAFT', comment)}
      failure={workflow.failure?.incidentId === incident.id ? workflow.failure.message : undefined}
    />
  );
}
