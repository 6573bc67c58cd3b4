import { Stack, Text } from '@mantine/core';

/** A labelled read-only value of a detail page ('—' when empty). */
export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text size="sm" className="asm-wrap" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}
