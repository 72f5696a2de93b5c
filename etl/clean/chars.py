"""Character classes shared by the cleaning steps (for regular expressions)."""
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
SP = " \t\u00a0\u3000\u2002\u2003\u2009\u200a"  # blanks other than newlines
