# String literal forms: escapes, raw, triple-quoted, implicit concatenation.
print("tab\there", 'quote\'s', "back\\slash", "nl\\n")
print(r"raw \n stays", R"C:\path\to\file")
print("""triple
quoted""", '''single
triple''')
print("implicit " "concatenation " 'works')
print("\x41\u00e9\u03b1\101")
long_text = ("a long string "
             "split over lines")
print(long_text)
print(len("\n\t\\"), "a" "b" == "ab")
print(b"bytes " b"too", rb"raw\bytes")
print(f"{'f'}" "plain" f"{1 + 1}")
