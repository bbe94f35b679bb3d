// Prints the serialization id PyTorchStreamWriter::writeSerializationId
// (caffe2/serialize/inline_container.cc) computes, with libstdc++'s
// std::hash<std::string> and c10::hash_combine, for record names and CRC-32s
// given as arguments: NAME CRC NAME CRC ... (CRCs in decimal, in write order;
// "-" for an empty record, for which miniz writes no data descriptor, so
// PyTorch's write callback never sees its CRC).
// serialization_id_test.go compiles it with g++ as an oracle for the hash.
#include <cstdint>
#include <cstdlib>
#include <iomanip>
#include <iostream>
#include <set>
#include <sstream>
#include <string>

static size_t hash_combine(size_t seed, size_t value) {
  return seed ^ (value + 0x9e3779b9 + (seed << 6u) + (seed >> 2u));
}

int main(int argc, char** argv) {
  std::set<std::string> files_written;
  uint64_t combined_uncomp_crc32 = 0;
  for (int i = 1; i + 1 < argc; i += 2) {
    files_written.insert(argv[i]);
    if (std::string(argv[i + 1]) != "-") {
      combined_uncomp_crc32 = hash_combine(combined_uncomp_crc32, std::strtoul(argv[i + 1], nullptr, 10));
    }
  }
  uint64_t combined_record_name_hash = 0;
  for (const std::string& record_name : files_written) {
    size_t record_name_hash = std::hash<std::string>{}(record_name);
    combined_record_name_hash = hash_combine(combined_record_name_hash, record_name_hash);
  }
  std::ostringstream oss;
  oss << std::setfill('0') << std::setw(20) << combined_record_name_hash
      << std::setfill('0') << std::setw(20) << combined_uncomp_crc32;
  std::cout << oss.str();
  return 0;
}
