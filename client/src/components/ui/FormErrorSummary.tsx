import { Alert, Anchor, List } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useCommonText } from '../../lib/i18n.ts';

export interface FormProblem {
  // the id of the field's input, which the link moves the focus to
  id: string;
  label: string;
  message: string;
}

// Above a form that could not be saved: every problem in words, each a link to its field
// (UI.md, "Forms"). The errors also show next to each field.
export function FormErrorSummary({ problems }: { problems: FormProblem[] }) {
  const { t } = useCommonText();
  if (problems.length === 0) return null;
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle aria-hidden />}
      title={t('form.errorSummary', { count: problems.length })}
      role="alert"
    >
      <List size="sm" spacing={2}>
        {problems.map((problem) => (
          <List.Item key={problem.id}>
            <Anchor
              href={`#${problem.id}`}
              size="sm"
              onClick={(event) => {
                event.preventDefault();
                const field = document.getElementById(problem.id);
                field?.scrollIntoView({ block: 'center' });
                field?.focus();
              }}
            >
              {problem.label}: {problem.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
