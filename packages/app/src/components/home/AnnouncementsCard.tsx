import { InfoCard } from '@backstage/core-components';
import { ConfigApi, configApiRef, useApi } from '@backstage/core-plugin-api';
import { List, ListItem, ListItemText, Typography } from '@material-ui/core';

/** One announcement of the platform team, as `gantry.announcements` lists it. */
export type Announcement = { title: string; body: string; date: string };

const dateFormat = new Intl.DateTimeFormat('en', {
  dateStyle: 'medium',
  timeZone: 'UTC',
});

/** Reads the announcements from config, newest first. */
export const readAnnouncements = (config: ConfigApi): Announcement[] =>
  (config.getOptionalConfigArray('gantry.announcements') ?? [])
    .map(item => ({
      title: item.getString('title'),
      body: item.getString('body'),
      date: item.getString('date'),
    }))
    .sort((a, b) => b.date.localeCompare(a.date));

const formatDate = (date: string) => {
  const parsed = new Date(date);
  return Number.isNaN(parsed.getTime()) ? date : dateFormat.format(parsed);
};

/**
 * Home page card: the platform team's announcements. They live in app-config
 * (`gantry.announcements`), so the platform team publishes one with a config change.
 */
export const AnnouncementsCard = () => {
  const announcements = readAnnouncements(useApi(configApiRef));
  return (
    <InfoCard title="Announcements">
      {announcements.length === 0 ? (
        <Typography>No announcements from the platform team</Typography>
      ) : (
        <List disablePadding>
          {announcements.map(announcement => (
            <ListItem
              key={`${announcement.date}-${announcement.title}`}
              disableGutters
              alignItems="flex-start"
            >
              <ListItemText
                primary={announcement.title}
                secondary={
                  <>
                    <Typography
                      component="span"
                      variant="caption"
                      display="block"
                    >
                      {formatDate(announcement.date)}
                    </Typography>
                    {announcement.body}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
      )}
    </InfoCard>
  );
};
