# yq-explore segments the records that have no tokens with yq-seg's own
# engine (cmd/yq-seg/seg.c and dict.c), for its `word` command and index.
SEG_OBJ := $(BUILD)/obj/cmd/yq-seg/seg.o $(BUILD)/obj/cmd/yq-seg/dict.o
LIBS_yq-explore = $(SEG_OBJ) $(COMMON_LIB)
$(BUILD)/bin/yq-explore: $(SEG_OBJ)
