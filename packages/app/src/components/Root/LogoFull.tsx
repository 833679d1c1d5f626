import { makeStyles } from '@material-ui/core';
import { GantryMarkPaths } from './LogoIcon';

const useStyles = makeStyles({
  svg: {
    width: 'auto',
    height: 30,
  },
  word: {
    fill: '#ffffff',
    fontFamily: 'inherit',
    fontSize: 30,
    fontWeight: 700,
  },
});

/** The sidebar's logo when open: Gantry's mark and name. */
export const LogoFull = () => {
  const classes = useStyles();

  return (
    <svg
      className={classes.svg}
      xmlns="http://www.w3.org/2000/svg"
      viewBox="0 0 160 40"
      role="img"
      aria-label="Gantry"
    >
      <title>Gantry</title>
      <GantryMarkPaths />
      {/* A fixed length, so the word fits the box whatever font the browser picks. */}
      <text
        x="50"
        y="32"
        textLength="106"
        lengthAdjust="spacingAndGlyphs"
        className={classes.word}
      >
        Gantry
      </text>
    </svg>
  );
};
