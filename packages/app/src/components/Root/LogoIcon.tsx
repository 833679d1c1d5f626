import { makeStyles } from '@material-ui/core';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 28,
  },
});

/** Gantry's mark: a gantry crane, a beam on two legs with a load on its hoist. */
export const GantryMarkPaths = () => (
  <g fill="#ffffff">
    {/* beam */}
    <rect x="0" y="2" width="40" height="5" rx="1" />
    {/* legs, splayed like a crane's */}
    <path d="M3 7h5l-3 31H0z" />
    <path d="M32 7h5l3 31h-5z" />
    {/* trolley, hoist line and load */}
    <rect x="15" y="7" width="10" height="4" />
    <rect x="19" y="11" width="2" height="12" />
    <rect x="13" y="23" width="14" height="9" rx="1" />
  </g>
);

/** The sidebar's logo when collapsed: Gantry's mark alone. */
export const LogoIcon = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 40 40"
      role="img"
      aria-label="Gantry"
    >
      <title>Gantry</title>
      <GantryMarkPaths />
    </svg>
  );
};
