/** The command value lives in core (jobs carry it); the grammar re-exports it for its callers. */
export { COMMAND_NAMES, command, type Command, type CommandName } from '../core/command.ts';
