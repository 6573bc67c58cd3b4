import { Textarea } from '@mantine/core';

/**
 * The required reason of a decision dialog (a cancellation, a rejection, a return), focused when the dialog opens.
 * Its error says the reason is missing, so it shows only while the box is still empty.
 */
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
      error={p.value.trim() ? undefined : p.error}
      data-autofocus
    />
  );
}
