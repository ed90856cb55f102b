import { Anchor, List, Title } from '@mantine/core';
import { Link } from 'react-router';
import { PageHeader } from '../components/ui/PageHeader.tsx';
import { Can } from '../lib/ability.ts';
import { formatCountries, roleLabel } from '../lib/format.ts';
import { useCommonText } from '../lib/i18n.ts';
import { useSessionUser } from '../lib/session.ts';
import { sections } from './sections.ts';

export function HomePage() {
  const user = useSessionUser();
  const { t } = useCommonText();
  return (
    <section aria-labelledby="page-title">
      <PageHeader
        title={`Welcome, ${user.name}`}
        documentTitle="Home"
        description={`${user.email} · ${roleLabel(user.role)} · ${formatCountries(user.countries)}`}
      />
      <Title order={2}>Your sections</Title>
      <List>
        {sections.map((section) => (
          <Can key={section.path} I={section.action} a={section.subject}>
            <List.Item>
              <Anchor component={Link} to={section.path}>
                {t(`nav.${section.label}`)}
              </Anchor>
            </List.Item>
          </Can>
        ))}
      </List>
    </section>
  );
}
