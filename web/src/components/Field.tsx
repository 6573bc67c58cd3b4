import { Stack, Text } from '@mantine/core';

/**
 * A labelled read-only value of a detail page ('—' when empty): small in a sheet of many values, `size="md"`
 * where it stands with few others, `strong` for the one value the page is about (a date asked for, a deadline).
 */
export function Field({ label, size = 'sm', strong, children }: { label: string; size?: 'sm' | 'md'; strong?: boolean; children: React.ReactNode }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="gray.7" fw={600}>
        {label}
      </Text>
      <Text size={size} fw={strong ? 700 : undefined} className="asm-wrap" component="div">
        {children || '—'}
      </Text>
    </Stack>
  );
}
