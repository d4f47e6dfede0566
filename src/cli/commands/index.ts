/** The CLI's commands by name. A new command is a module in this folder and one line here. */
import type { Command } from '../common';
import { annotate } from './annotate';
import { herschik } from './herschik';
import { assess } from './assess';
import { bijlagen } from './bijlagen';
import { policies } from './policies';
import { policy } from './policy';
import { vergelijk } from './vergelijk';

export const COMMANDS: Record<string, Command> = {
  policies,
  annotate,
  herschik,
  assess,
  bijlagen,
  policy,
  vergelijk,
};
