/** Fluent's Accordion (with its motion) in its own chunk: the first screen does not need it. */
export { Accordion, AccordionHeader, AccordionItem, AccordionPanel } from '@fluentui/react-components';
export { ParamField } from './fields';
