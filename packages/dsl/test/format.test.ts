import { describe, expect, it } from 'vitest';
import { format, formatText, FormatError, parse } from '../src/index.js';
import { examples, meaning } from './helpers.js';

function fmt(text: string): string {
  const r = formatText(text, 'test.phase');
  if (r.formatted === undefined) throw new Error(r.diagnostics.map((d) => d.message).join('; '));
  return r.formatted;
}

describe('format', () => {
  it.each(examples().map((e) => [e.name, e.text]))('leaves %s unchanged: the examples are canonical', (_name, text) => {
    expect(fmt(text)).toBe(text);
  });

  it.each(examples().map((e) => [e.name, e.text]))(
    'is idempotent and keeps the meaning of %s when its layout is scrambled',
    (_name, text) => {
      // Scramble: collapse indentation, join some lines, add spaces; comments stay on their lines.
      const scrambled = text
        .split('\n')
        .map((line, k) => (line.includes('#') ? line : k % 3 === 0 ? `   ${line.trim()}   ` : line.trim()))
        .join('\n')
        .replace(/\n\n+/g, '\n\n\n')
        .replace(/ \.\. /g, '..')
        .replace(/\{\n(\s*task)/g, '{ $1');
      const once = fmt(scrambled);
      expect(fmt(once)).toBe(once);
      expect(meaning(parse(once, 'x').file.campaign)).toEqual(meaning(parse(text, 'x').file.campaign));
      expect(parse(once, 'x').file.comments.map((c) => c.text)).toEqual(
        parse(text, 'x').file.comments.map((c) => c.text.trimEnd()),
      );
    },
  );

  it.each(examples().map((e) => [e.name, e.text]))(
    'keeps Windows line ends in %s: a CRLF file that is canonical stays byte for byte',
    (_name, text) => {
      const crlf = text.replace(/\n/g, '\r\n');
      expect(fmt(crlf)).toBe(crlf);
      const scrambled = crlf.replace(/\r\n {4}/g, '\r\n  ');
      expect(fmt(scrambled)).toBe(crlf);
    },
  );

  it('lays out members canonically: indentation, spacing, spelling of literals', () => {
    const text = [
      'campaign  c   "C"{timezone   UTC',
      'role r can amend,issue',
      'metric m hour per member metric u percent per unit',
      'phase p{window 2005-1-01..2005-01-02}',
      '}',
    ].join('\n');
    expect(formatText(text, 'x').formatted).toBeUndefined(); // 2005-1-01 is a syntax error
    const ok = text.replace('2005-1-01', '2005-01-01');
    expect(fmt(ok)).toBe(
      [
        'campaign c "C" {',
        '  timezone UTC',
        '  role r can amend, issue',
        '  metric m hours per member',
        '  metric u percent per unit',
        '',
        '  phase p {',
        '    window 2005-01-01 .. 2005-01-02',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('prints quantities, dates, times and amendments in one spelling', () => {
    const text = `campaign c {
  document d issued 2005-02-05   7:05
  phase p {
    amend extend 1 days effective 2005-01-01
    amend move -3 day effective 2005-01-01
    gate g { a >= 95 percent and b >= 1 hours and c >= 2 day and d >= 12 count and e >= 2.50 }
  }
}
`;
    expect(fmt(text)).toBe(`campaign c {
  document d issued 2005-02-05 07:05

  phase p {
    amend extend 1 day effective 2005-01-01
    amend move -3 days effective 2005-01-01
    gate g { a >= 95% and b >= 1 hour and c >= 2 days and d >= 12 count and e >= 2.50 }
  }
}
`);
  });

  it('prints parentheses exactly where the tree needs them', () => {
    const text =
      'campaign c { phase p { gate g { (a >= 1 or b >= 2) and ((c >= 3 and d >= 4)) or (e >= 5 and f >= 6) } } }';
    const out = fmt(text);
    expect(out).toContain('gate g { (a >= 1 or b >= 2) and (c >= 3 and d >= 4) or e >= 5 and f >= 6 }');
    expect(meaning(parse(out, 'x').file.campaign)).toEqual(meaning(parse(text, 'x').file.campaign));
  });

  it('breaks a gate written over several lines one operand per line, and a long requires by filling', () => {
    const text = `campaign c {
  phase p {
    gate g {
      a >= 1 and b >= 2 or c >= 3
    }
    checkpoint k signed by r {
      item x "${'很长的标签'.repeat(6)}" requires participation_rate >= 95% and awareness_rate >= 80% and every member concentrated_hours >= 40 hours
    }
  }
}
`;
    expect(fmt(text)).toBe(`campaign c {
  phase p {
    gate g {
      a >= 1 and b >= 2
      or c >= 3
    }
    checkpoint k signed by r {
      item x "${'很长的标签'.repeat(6)}"
        requires participation_rate >= 95% and awareness_rate >= 80%
          and every member concentrated_hours >= 40 hours
    }
  }
}
`);
  });

  it('keeps comments in place: own-line, end-of-line, dangling, and inside gates', () => {
    const text = `# file header

campaign c { # after the brace
  timezone UTC   # zone
  # before the phase
  phase p {
    gate g { # why this gate
      a >= 1 # first
      and b >= 2
      # the end of the gate
    }
    checkpoint k {
      item i "I" # moved: a comment between the words of a member
        requires a >= 1
      # no more items
    }
  } # after the phase
}
# trailer
`;
    expect(fmt(text)).toBe(`# file header

campaign c { # after the brace
  timezone UTC # zone

  # before the phase
  phase p {
    gate g { # why this gate
      a >= 1 # first
      and b >= 2
      # the end of the gate
    }
    checkpoint k {
      # moved: a comment between the words of a member
      item i "I" requires a >= 1
      # no more items
    }
  } # after the phase
}
# trailer
`);
  });

  it('escapes labels so they read back the same', () => {
    const text = 'campaign c "say \\"hi\\" \\\\ back\\n" { timezone UTC }';
    const out = fmt(text);
    expect(out.split('\n')[0]).toBe('campaign c "say \\"hi\\" \\\\ back\\\\n" {');
    expect(parse(out, 'x').file.campaign?.label?.value).toBe('say "hi" \\ back\\n');
  });

  it('refuses a file with syntax errors', () => {
    const broken = 'campaign c {\n  windw 1\n}\n';
    const r = formatText(broken, 'x.phase');
    expect(r.formatted).toBeUndefined();
    expect(r.diagnostics.map((d) => d.code)).toEqual(['PG100']);
    const { file } = parse(broken, 'x.phase');
    expect(() => format(file)).toThrow(FormatError);
  });
});
