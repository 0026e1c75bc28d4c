// Placeholder: the local Functions host entry point is written in a later step.
return 0;
