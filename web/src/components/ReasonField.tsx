import { Textarea } from '@mantine/core';

/** The required reason of a decision dialog (a cancellation, a rejection, a return), focused when the dialog opens. */
export function ReasonField(p: { label: string; description?: string; value: string; onChange: (value: string) => void; error?: string }) {
  return (
    <Textarea
      label={p.label}
      description={p.description}
      required
      autosize
      minRows={3}
      value={p.value}
      onChange={(e) => p.onChange(e.currentTarget.value)}
      error={p.error}
      data-autofocus
    />
  );
}
